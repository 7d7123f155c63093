# searches-month: Searches by month
# Re-run in this folder with: gnuplot chart-searches-month.gp
set terminal svg size 900,520 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-searches-month.svg'
set title "Searches by month\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "searches per month"
set yrange [0:423]
set xrange [-0.6:11.6]
set xtics rotate by 30 right
set bmargin 4
set style fill solid 0.85 border -1
set boxwidth 0.6
set xtics ("2025-01" 0, "2025-02" 1, "2025-03" 2, "2025-04" 3, "2025-05" 4, "2025-06" 5, "2025-07" 6, "2025-08" 7, "2025-09" 8, "2025-10" 9, "2025-11" 10, "2025-12" 11)
plot 'chart-searches-month.dat' using 0:($4 > 0 ? NaN : $2) with boxes lc rgb '#0072B2', \
     '' using 0:2:3 with labels rotate by 90 left offset 0,0.5 notitle
set terminal pngcairo size 900,520 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-searches-month.png'
replot
set output
