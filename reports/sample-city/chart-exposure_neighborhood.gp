# exposure_neighborhood: Reads per 1,000 residents by area
# Re-run in this folder with: gnuplot chart-exposure_neighborhood.gp
set terminal svg size 900,693 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-exposure_neighborhood.svg'
set title "Reads per 1,000 residents by area\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "reads per 1,000 residents"
set xtics 1 format '' scale 0.5
set xrange [-0.6:9.6]
set bmargin 11
set lmargin 18
set rmargin 5
set yrange [0:1344.87]
set arrow 3 from first 8, graph 0 to first 8, graph 1 nohead dt 3 lc rgb '#888888'
set label 3 "small areas,\nnot ranked" at first 8.8, graph 0.97 center tc rgb '#D55E00'
set label 10 "5,264\noff the scale" at first 9, first 941.407 center offset 0,-1.6 tc rgb '#D55E00'
set key tmargin right vertical samplen 1.5
plot 'chart-exposure_neighborhood.dat' using 7:($5 + $6 > 0 ? NaN : $2):3:4 with yerrorbars pt 7 ps 0.9 lc rgb '#0072B2' title 'estimate, 95 % interval', \
     '' using 7:($5 > 0 ? $2 : NaN):3:4 with yerrorbars pt 5 ps 0.9 lc rgb '#D55E00' title 'small population', \
     '' using 7:8 with points pt 9 ps 1.4 lc rgb '#D55E00' notitle, \
     '' using 7:(0):1 with labels rotate by 40 right offset 0,-0.7 notitle
set terminal pngcairo size 900,693 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-exposure_neighborhood.png'
replot
set output
